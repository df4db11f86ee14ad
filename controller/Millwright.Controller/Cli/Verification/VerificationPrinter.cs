using Millwright.Controller.Proofs.Verification;

namespace Millwright.Controller.Cli.Verification;

/// <summary>Prints a verification report: what the bundle claims, one PASS/FAIL line per check, notes, a verdict.</summary>
internal static class VerificationPrinter
{
    public static void Print(VerificationReport report, TextWriter output)
    {
        output.WriteLine($"bundle: {report.Subject}");
        foreach (CheckResult check in report.Checks)
        {
            output.WriteLine(check);
        }

        foreach (string note in report.Notes)
        {
            output.WriteLine($"note: {note}");
        }

        List<CheckResult> failed = report.Failed.ToList();
        output.WriteLine(failed.Count == 0
            ? $"verify: OK, all {report.Checks.Count} checks passed"
            : $"verify: FAILED, {failed.Count} of {report.Checks.Count} checks failed: {string.Join(", ", failed.Select(check => check.Name))}");
    }
}
