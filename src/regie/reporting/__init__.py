"""Accountability (issue 10): dashboards per role, the annual complaints report (Awb 9:12a),
the quarterly P&C report, anonymised casuistry and open data; `regie report`.

A face: it reads figures only through the aggregate read (`regie.cases.aggregates`, ADR 3),
never cases, so nothing here can show a count below the threshold or a person."""
