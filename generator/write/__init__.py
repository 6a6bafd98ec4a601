"""Stage 5, write: only writes. The atomic output folder under a lock, the writer that refuses to
write one path twice, and the search index over the written site."""
