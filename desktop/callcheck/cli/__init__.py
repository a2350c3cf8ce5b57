"""The command-line front end. No Qt."""
