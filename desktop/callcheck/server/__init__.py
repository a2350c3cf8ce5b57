"""`callcheck serve`: the reflector and peer rooms. No Qt."""
