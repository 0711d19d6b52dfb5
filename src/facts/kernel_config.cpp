// PLACEHOLDER: the fact is written by its issue's helper.
