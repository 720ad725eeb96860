"""Independent check for the assignment solver: each instance as a 0/1 integer program in HiGHS.

Run as a separate process (HiGHS and OR-Tools bundle clashing copies of the same native library, so
they cannot share one process): reads a JSON list of instances on stdin, writes a JSON list of
optima (null when infeasible) on stdout. Affinity defaults follow the instance format's rule.
"""

import json
import sys

import highspy


def optimum(data: dict) -> float | None:
    k = data["reviewers_per_application"]
    apps, experts = data["applications"], data["experts"]
    given = {(a, e): v for a, e, v in data.get("affinity", [])}
    excluded = {tuple(p) for p in data.get("conflicts", [])} | {tuple(p) for p in data.get("forbidden", [])}
    for a in apps:
        for e in experts:
            if a.get("organization") and a["organization"] in e.get("organizations", []):
                excluded.add((a["id"], e["id"]))
            if data.get("community_conflicts") and a.get("community") and a["community"] == e.get("community"):
                excluded.add((a["id"], e["id"]))
    pinned = {tuple(p) for p in data.get("pinned", [])}
    if pinned & excluded:
        return None  # a pair that must be used and must not be: no solution
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    x = {}
    for a in apps:
        for e in experts:
            pair = (a["id"], e["id"])
            x[pair] = h.addVariable(lb=1 if pair in pinned else 0, ub=0 if pair in excluded else 1,
                                    type=highspy.HighsVarType.kInteger)
    for a in apps:
        h.addConstr(sum(x[a["id"], e["id"]] for e in experts) == k)
    for e in experts:
        load = sum(x[a["id"], e["id"]] for a in apps)
        h.addConstr(load >= e.get("min_load", 0))
        h.addConstr(load <= e["max_load"])

    def affinity(a, e):
        default = 1.0 if a.get("domain") and a["domain"] in e.get("domains", []) else 0.0
        return given.get((a["id"], e["id"]), default)

    h.maximize(sum(affinity(a, e) * x[a["id"], e["id"]] for a in apps for e in experts))
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return h.getInfo().objective_function_value


if __name__ == "__main__":
    json.dump([optimum(d) for d in json.load(sys.stdin)], sys.stdout)
