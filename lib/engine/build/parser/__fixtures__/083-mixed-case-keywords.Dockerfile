From alpine
RuN echo a
CoPy a b
