"""Child process of the kill -9 test: ingest N records in small batches, announcing each commit."""

from __future__ import annotations

import sys

from store_helpers import event, record

from marsad.store import open_store

CITIES = ["الرباط", "فاس", "مراكش", "طنجة", "وجدة", "مكناس", "تطوان", "العيون", "الناظور", "آسفي"]


def records(n: int) -> list[dict[str, object]]:
    out = []
    for i in range(n):
        text = (f"ذكرت مصادر محلية في {CITIES[i % 10]} أن السلطات أوقفت {i + 2} أشخاص في القضية رقم {i} "
                f"وأن التحقيق معهم مستمر تحت إشراف النيابة العامة المختصة بالملف {i * 7}.")  # fmt: skip
        out.append(record(f"k{i:04d}", text, events=[event(text=text, date=None, people=i + 2)],
                          published=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"))  # fmt: skip
    return out


def main() -> None:
    url, n = sys.argv[1], int(sys.argv[2])
    with open_store(url, batch_size=10) as store:
        recs = records(n)
        for i in range(0, n, 10):
            store.add_records(recs[i : i + 10])
            print(f"committed {i + 10}", flush=True)


if __name__ == "__main__":
    main()
