"""Tests for kmeans_teach.datasets.load_image: the picture shipped for colour quantisation."""

import numpy as np
import pytest

from kmeans_teach import datasets


def test_load_image_returns_rgb_pixels_as_uint8_height_by_width_by_3():
    image = datasets.load_image("hopper")
    assert isinstance(image, np.ndarray)
    assert image.dtype == np.uint8
    assert image.shape == (188, 160, 3)


def test_load_image_defaults_to_hopper():
    assert np.array_equal(datasets.load_image(), datasets.load_image("hopper"))


def test_load_image_is_a_real_photo_with_many_colours():
    image = datasets.load_image()
    assert np.unique(image.reshape(-1, 3), axis=0).shape[0] > 1000


def test_changing_a_loaded_image_does_not_change_the_next_load():
    first = datasets.load_image()
    original = first[0, 0].copy()
    first[0, 0] = 255 - original
    assert np.array_equal(datasets.load_image()[0, 0], original)


@pytest.mark.parametrize("name", ["lena", "Hopper", "", None, 3])
def test_load_image_rejects_an_unknown_name_and_lists_the_valid_ones(name):
    with pytest.raises(ValueError, match=r"Unknown image .*choose one of: hopper"):
        datasets.load_image(name)
