"""MedClair's model factory (`python -m export ...`): the only package that uses torch and transformers."""
