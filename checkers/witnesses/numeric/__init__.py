"""The numeric witness: JAX autodiff at random points."""
