"""Colour contrast as WCAG 2.1 measures it, and colours darkened until they reach it.

The palette (plotting.py) uses these to give every marker an outline that a class at the back
of the room can see: WCAG 1.4.11 asks 3:1 for the parts of a picture needed to understand it.
"""

from __future__ import annotations


def _channels(colour):
    """The red, green and blue of "#RRGGBB", each from 0 to 1."""
    if not (isinstance(colour, str) and len(colour) == 7 and colour.startswith("#")):
        raise ValueError(f'a colour must be written "#RRGGBB", got {colour!r}')
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


def _hex(channels):
    return "#" + "".join(f"{round(c * 255):02X}" for c in channels)


def relative_luminance(colour):
    """WCAG 2.1's relative luminance of "#RRGGBB": 0 for black, 1 for white."""

    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first, second):
    """WCAG 2.1's contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blended(colour, alpha, background="#FFFFFF"):
    """`colour` painted with opacity `alpha` over `background`, as the eye sees it."""
    top, under = _channels(colour), _channels(background)
    return _hex(alpha * t + (1 - alpha) * u for t, u in zip(top, under))


def darkened(colour, ratio, backgrounds=("#FFFFFF",)):
    """`colour` darkened (towards black, keeping its hue) until it reaches `ratio`
    against every one of `backgrounds`; `colour` itself when it already does."""
    channels = _channels(colour)
    # 256 shades at most, each 1/255 darker: the lightest one that reaches the ratio, to a byte
    # (black, the last, reaches 3:1 against anything lighter than mid-grey).
    for step in range(256):
        shade = _hex(c * (1 - step / 255) for c in channels)
        if all(contrast(shade, background) >= ratio for background in backgrounds):
            return shade
    raise ValueError(f"no shade of {colour} reaches {ratio}:1 against {backgrounds}")
