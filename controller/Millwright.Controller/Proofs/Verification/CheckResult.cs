namespace Millwright.Controller.Proofs.Verification;

/// <summary>One check of a proof bundle: its name (docs/verification.md lists them), whether it passed, and why.</summary>
internal sealed record CheckResult(string Name, bool Passed, string Detail)
{
    public static CheckResult Pass(string name, string detail) => new(name, true, detail);

    public static CheckResult Fail(string name, string detail) => new(name, false, detail);

    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")} {Name}: {Detail}";
}
