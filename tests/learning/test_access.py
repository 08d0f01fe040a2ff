"""Who learns: the worklist's quick yes/no agrees with the full list of municipalities."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from regie.learning.access import learning_municipalities, learns_anywhere


def test_the_quick_answer_agrees_with_the_list_for_every_demo_user(world: None) -> None:
    users = list(get_user_model().objects.all())
    answers = {u.username: learns_anywhere(u) for u in users}

    assert answers == {u.username: bool(learning_municipalities(u)) for u in users}
    assert any(answers.values())
    assert not all(answers.values())
