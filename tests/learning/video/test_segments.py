from learning.video import segments


def test_played_segments_are_parsed_merged_and_clamped_to_the_length():
    parsed = segments.parse("0[.]10[,]8[.]20[,]30[.]45.5[,]90[.]150", length=100)
    assert parsed == [[0.0, 20.0], [30.0, 45.5], [90.0, 100.0]]
    assert segments.covered(parsed) == 45.5


def test_malformed_pairs_are_skipped_without_raising():
    assert segments.parse("x[,]3[.][,]5[.]2[,]-1[.]4[,]inf[.]9[,]1[.]2", length=10) == [[1.0, 2.0]]
    assert segments.parse(42) == []


def test_nearly_touching_segments_are_joined_but_real_gaps_stay():
    assert segments.merge([[0, 10]], [[10.3, 20], [25, 30]]) == [[0, 20], [25, 30]]


def test_segments_format_back_to_the_profile_string():
    assert segments.format_segments([[0, 12.5], [30, 41]]) == "0[.]12.5[,]30[.]41"
