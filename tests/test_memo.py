from bot.memo import Last


def test_the_last_value_is_reused_for_its_key_and_replaced_by_another():
    built: list[str] = []

    def build(value: str):
        return lambda: built.append(value) or value

    last: Last[str, str] = Last()
    assert last.get("a", build("A")) == "A"
    assert last.get("a", build("A again")) == "A" and built == ["A"]
    assert last.get("b", build("B")) == "B"
    assert "a" not in last and "b" in last  # one value kept, not every one built
    assert last.keep("c", "C") == "C" and "b" not in last and last["c"] == "C"
