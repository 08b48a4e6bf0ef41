"""Tools that write story files for officers: a commented template (`exemplars new`) and Word import."""
