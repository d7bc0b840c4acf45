"""Media-literacy exercises: worksheets and answer keys, scoring learners' answers, a quiz, explanations."""
