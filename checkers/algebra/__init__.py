"""What the rooms above share: the shape algebra over SymPy, the table of functions, exact
numbers, and the one hard stop for work that may hang (``_alarm``)."""
