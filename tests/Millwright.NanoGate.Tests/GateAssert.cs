namespace Millwright.NanoGate.Tests;

/// <summary>Runs the gate on a compiled snippet and checks what it reported.</summary>
internal static class GateAssert
{
    public static GateReport Check(string assemblyPath, params string[] allowedReferences) =>
        AssemblyGate.Check(new GateRequest(assemblyPath, GatePaths.NanoMscorlib, allowedReferences));

    public static void Passes(GateReport report)
    {
        Assert.True(report.Passed, "expected no violations, got:\n" + Describe(report));
        Assert.Equal($"nano gate: {report.AssemblyName}: OK ({report.TypesChecked} types, {report.MethodsChecked} methods checked)", report.SummaryLine);
    }

    /// <summary>Asserts a violation of <paramref name="code"/> at <paramref name="subject"/> whose message contains <paramref name="text"/>.</summary>
    public static void Rejects(GateReport report, string subject, string code, string text)
    {
        Assert.False(report.Passed);
        Assert.StartsWith($"nano gate: {report.AssemblyName}: FAILED", report.SummaryLine, StringComparison.Ordinal);
        Assert.True(
            report.Violations.Any(violation => violation.Subject == subject && violation.Code == code && violation.Message.Contains(text, StringComparison.Ordinal)),
            $"expected {code} at {subject} containing \"{text}\", got:\n" + Describe(report));
    }

    private static string Describe(GateReport report) =>
        string.Join("\n", report.Violations.Select(violation => $"{violation.Code} {violation}")) + "\n" + report.SummaryLine;
}
