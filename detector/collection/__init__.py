"""Scoring whole collections: in order over N processes or a Dask cluster, one report per article, an overview."""
