"""The symbolic witness: SymPy proofs and refutations."""
