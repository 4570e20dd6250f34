"""X/Y/Z sweeps: axis specs (`steps=10,20,30`, `cfg=4-8 (+2)`), their expansion into one job's
parameters per cell, and the labelled grid of the outputs. Qt-free; the window and the CLI
call the same functions (see `axes.parse_axis`, `axes.expand`, `grid.render_grid`)."""
