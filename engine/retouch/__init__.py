"""Retouching a photo before it is restored: spots and scratches marked on it (by hand in the
app, or found by ``find_spots``) filled in from the picture around them."""
