"""Careful copy with the traps of devices.md: none of these neutral texts may produce a finding."""

from __future__ import annotations

import pytest

from detector import analyze

DE = {
    "soll of plans and duties": (
        "Neue Rheinbrücke soll 2028 fertig sein\n\n"
        "Die neue Rheinbrücke zwischen Wiesbaden und Mainz soll im Herbst 2028 für den Verkehr freigegeben "
        "werden, teilte das Landesverkehrsministerium am Dienstag mit. Die Autobahn GmbH soll bis Ende März "
        "einen Zeitplan für die Sperrungen vorlegen. Nach Angaben des Ministeriums kostet der Bau 310 Millionen "
        "Euro."),
    "interview transcript": (
        "„Wir brauchen mehr Zeit“\n\n"
        "Die Bürgermeisterin von Eschwege, Karin Lohse, über den Umbau des Marktplatzes.\n\n"
        "Frage: Frau Lohse, warum dauert der Umbau so lange?\n"
        "Lohse: Die Leitungen unter dem Platz sind älter als gedacht. Wir mussten neu planen.\n"
        "Frage: Ist das nicht ein Desaster für die Händler?\n"
        "Lohse: Für einige Geschäfte ist es schwer, das stimmt. Wir haben die Pacht für ein Jahr gesenkt."),
    "theatre review quoting the play": (
        "„Die Räuber“ in Kassel: Ein starker Abend\n\n"
        "Das Staatstheater Kassel zeigt Schillers „Die Räuber“ in einer Fassung von Regisseurin Mara Voss. "
        "Franz ruft in der dritten Szene: „Wer glaubt noch an Gerechtigkeit?“ Das Publikum applaudierte am "
        "Samstag zwölf Minuten lang. Die nächste Vorstellung ist am 14. März."),
    "attributed threat": (
        "Gewerkschaft droht mit Streik bei den Stadtwerken\n\n"
        "Die Gewerkschaft Verdi droht mit einem Warnstreik bei den Stadtwerken Kiel. Verdi-Sekretär Ole "
        "Brandt sagte am Montag, ohne ein besseres Angebot würden die Beschäftigten am Donnerstag die Arbeit "
        "niederlegen. Die Stadtwerke kündigten an, am Mittwoch ein neues Angebot vorzulegen."),
    "strong words in a named quotation": (
        "Opposition kritisiert Haushalt\n\n"
        "Die Opposition im Landtag hat den Haushaltsentwurf scharf kritisiert. „Dieser Haushalt ist ein "
        "Desaster und eine Blamage für das ganze Land“, sagte der Fraktionsvorsitzende Jan Reuter am "
        "Mittwoch. Finanzministerin Petra Albers wies die Kritik zurück."),
    "reported speech in Konjunktiv I": (
        "Minister verteidigt Reform\n\n"
        "Innenminister Jan Weber hat die Polizeireform im Landtag verteidigt. Die Reform sei nötig, sagte "
        "Weber am Montag. Die Opposition habe in den vergangenen Jahren völlig versagt und sei ein Desaster "
        "für die Sicherheit im Land. Die Grünen wiesen die Vorwürfe zurück."),
    "alle from a spokesperson": (
        "Alle Schulen im Kreis bleiben am Freitag geschlossen\n\n"
        "Wegen des angekündigten Sturms bleiben am Freitag alle 47 Schulen im Landkreis Uelzen geschlossen. "
        "„Alle Eltern wurden per App informiert“, sagte Kreissprecherin Anja Möller. Es gab keine Verletzten, "
        "der Deutsche Wetterdienst warnt bis Samstagmittag vor Orkanböen."),
}

EN = {
    "plans and duties": (
        "New Severn crossing due to open in 2028\n\n"
        "The new crossing is due to open in autumn 2028, the Department for Transport said on Tuesday. "
        "National Highways must publish a timetable for closures by the end of March, according to the "
        "department. The project is budgeted at 310 million pounds."),
    "interview transcript": (
        "'We need more time'\n\n"
        "The mayor of Hexham, Karen Lowe, on the rebuilding of the market square.\n\n"
        "Q: Why is the work taking so long?\n"
        "Lowe: The pipes under the square are older than we thought. We had to re-plan.\n"
        "Q: Isn't that a disaster for the traders?\n"
        "Lowe: For some shops it is hard, that is true. We have cut their rent for a year."),
    "attributed threat": (
        "Union threatens strike at city utility\n\n"
        "The GMB union threatened on Monday to strike at Leeds City Utilities. Regional organiser Owen "
        "Blake said staff would walk out on Thursday unless the company improved its offer. The company "
        "said it would present a new offer on Wednesday."),
    "strong words in a named quotation": (
        "Opposition attacks budget\n\n"
        "The opposition attacked the draft budget on Wednesday. \"This budget is a disaster and a "
        "humiliation for the whole country,\" said opposition leader James Reed. Finance minister Paula "
        "Adams rejected the criticism."),
    "all from a spokesperson": (
        "All schools in the county to close on Friday\n\n"
        "All 47 schools in Cumbria will close on Friday because of the storm, the county council said. "
        "\"All parents have been told through the school app,\" council spokeswoman Anna Moore said. "
        "No injuries have been reported so far, and the Met Office warning runs until Saturday noon."),
}


@pytest.mark.parametrize(("lang", "name"), [("de", n) for n in DE] + [("en", n) for n in EN])
def test_neutral_trap_text_has_no_findings(lang, name):
    text = (DE if lang == "de" else EN)[name]
    report = analyze(text, lang=lang)
    assert [(f.device, f.text) for f in report.findings] == []
