namespace Millwright.Controller.Proofs.Verification;

/// <summary>What verifying one bundle found: what the bundle claims to prove, every check requested in order, and notes
/// on what was not checked.</summary>
internal sealed record VerificationReport(string Subject, IReadOnlyList<CheckResult> Checks, IReadOnlyList<string> Notes)
{
    public bool AllPassed => Checks.Count > 0 && Checks.All(check => check.Passed);

    public IEnumerable<CheckResult> Failed => Checks.Where(check => !check.Passed);

    public CheckResult? Find(string name) => Checks.FirstOrDefault(check => check.Name == name);
}
