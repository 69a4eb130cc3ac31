"""The two independent witnesses; they never import each other."""
