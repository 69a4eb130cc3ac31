"""The mutation suite: single planted errors in verified claims, and whether each witness catches them."""
