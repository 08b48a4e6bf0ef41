"""Reading the input: story files, vocabularies and quota rules, with line numbers for every problem."""
