"""What the readers and witnesses share: the shape algebra over SymPy."""
