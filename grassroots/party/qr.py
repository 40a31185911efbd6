"""QR codes for posters, drawn as inline SVG (no image library, no network)."""

import segno


def qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=6, border=2, omitsize=False)
