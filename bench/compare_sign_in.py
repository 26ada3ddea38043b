#!/usr/bin/env python3
"""Sign-in throughput of two builds, paired on the same machine in one run: each measured three
times in the order B A A B B A (c = 2, 16, 64; 8 s each), so that the shared machine's drift
favours neither. Usage: python3 bench/compare_sign_in.py EARLIER_BINARY LATER_BINARY"""
import os
import sys

import run as bench


def main(earlier, later):
    env = {**os.environ, "BAILLEUR_MAIL_TRANSPORT": "outbox", "RUST_LOG": "error"}
    env.pop("BAILLEUR_DATABASE_URL", None)
    bench.DURATION = 8
    rates = {}
    for name, binary in [("later", later), ("earlier", earlier), ("earlier", earlier),
                         ("later", later), ("later", later), ("earlier", earlier)]:
        server, base = bench.serve_signed_in(binary, env)
        try:
            bench.wrk(base, 2)
            for clients in (2, 16, 64):
                rate, _ = bench.wrk(base, clients)
                rates.setdefault((name, clients), []).append(rate)
        finally:
            server.terminate()
            server.wait()
    for clients in (2, 16, 64):
        earlier_rates, later_rates = rates[("earlier", clients)], rates[("later", clients)]
        ratio = sum(later_rates) / sum(earlier_rates)
        print(f"c={clients}: earlier {earlier_rates} later {later_rates} later/earlier {ratio:.2f}")


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(__file__))
    main(sys.argv[1], sys.argv[2])
