namespace Millwright.NanoGate;

/// <summary>
/// The command line. Exit codes: 0 passed, 1 violations, 2 bad arguments or unreadable files.
/// With <c>--msbuild</c> each violation is printed in MSBuild's canonical error format, so the build fails
/// with one error per violation.
/// </summary>
public static class GateCommand
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    private const string Usage =
        "usage: Millwright.NanoGate <assembly.dll> --mscorlib <nanoFramework mscorlib.dll> [--reference <gated nano assembly.dll>]... [--msbuild]";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!TryParse(args, out var request, out var msbuildFormat, out var problem))
        {
            error.WriteLine($"nano gate: {problem}");
            error.WriteLine(Usage);
            return UsageError;
        }

        GateReport report;
        try
        {
            report = AssemblyGate.Check(request!);
        }
        catch (Exception exception) when (exception is IOException or BadImageFormatException or ArgumentException or UnauthorizedAccessException)
        {
            error.WriteLine(msbuildFormat ? $"{request!.AssemblyPath} : error NG000: nano gate: {exception.Message}" : $"nano gate: {exception.Message}");
            return UsageError;
        }

        foreach (var violation in report.Violations)
        {
            output.WriteLine(msbuildFormat ? $"{request!.AssemblyPath} : error {violation.Code}: {violation}" : violation.ToString());
        }

        output.WriteLine(report.SummaryLine);
        return report.Passed ? Passed : Failed;
    }

    private static bool TryParse(IReadOnlyList<string> args, out GateRequest? request, out bool msbuildFormat, out string problem)
    {
        request = null;
        msbuildFormat = false;
        problem = string.Empty;
        string? assembly = null;
        string? mscorlib = null;
        var references = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--msbuild":
                    msbuildFormat = true;
                    break;
                case "--mscorlib" when i + 1 < args.Count:
                    mscorlib = args[++i];
                    break;
                case "--reference" when i + 1 < args.Count:
                    references.Add(args[++i]);
                    break;
                case var option when option.StartsWith("--", StringComparison.Ordinal):
                    problem = $"unknown option or missing value: {option}";
                    return false;
                default:
                    if (assembly is not null)
                    {
                        problem = $"more than one assembly given: {assembly}, {args[i]}";
                        return false;
                    }

                    assembly = args[i];
                    break;
            }
        }

        if (assembly is null || mscorlib is null)
        {
            problem = assembly is null ? "no assembly given" : "no --mscorlib given";
            return false;
        }

        request = new GateRequest(assembly, mscorlib, references);
        return true;
    }
}
