"""Stage 4, render: every byte of the output (HTML pages, print HTML, PDFs, the package zip, the
calendar file), in memory. Project templates run sandboxed and their output is checked."""
