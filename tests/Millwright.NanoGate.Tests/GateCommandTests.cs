namespace Millwright.NanoGate.Tests;

/// <summary>The command line: output lines, MSBuild format and exit codes.</summary>
public sealed class GateCommandTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Violations_PrintOneLineEach_AndExitWithOne()
    {
        var dll = NanoCompiler.Compile("namespace Snippet { public class Box<T> { } }", _scratch.File("Snippet.dll"));

        var (exitCode, output, _) = Run(dll, "--mscorlib", GatePaths.NanoMscorlib);

        Assert.Equal(GateCommand.Failed, exitCode);
        Assert.Contains("Snippet.Box`1: generic type definition (nanoFramework v1 cannot run generics)", Lines(output));
        Assert.StartsWith("nano gate: Snippet: FAILED, 1 violation(s)", Lines(output).Last(), StringComparison.Ordinal);
    }

    [Fact]
    public void MsBuildFormat_PrefixesEachViolationAsAnError()
    {
        var dll = NanoCompiler.Compile("namespace Snippet { public class Box<T> { } }", _scratch.File("Snippet.dll"));

        var (_, output, _) = Run(dll, "--mscorlib", GatePaths.NanoMscorlib, "--msbuild");

        Assert.Contains($"{dll} : error NG001: Snippet.Box`1: generic type definition (nanoFramework v1 cannot run generics)", Lines(output));
    }

    [Fact]
    public void CleanAssembly_PrintsOnlyTheSummary_AndExitsWithZero()
    {
        var dll = NanoCompiler.Compile("namespace Snippet { public static class Ok { public static int One() { return 1; } } }", _scratch.File("Snippet.dll"));

        var (exitCode, output, _) = Run(dll, "--mscorlib", GatePaths.NanoMscorlib);

        Assert.Equal(GateCommand.Passed, exitCode);
        var line = Assert.Single(Lines(output));
        Assert.Matches(@"^nano gate: Snippet: OK \(\d+ types, \d+ methods checked\)$", line);
    }

    [Fact]
    public void MissingArguments_ExitWithTwo()
    {
        var (exitCode, _, error) = Run();

        Assert.Equal(GateCommand.UsageError, exitCode);
        Assert.Contains("usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableAssembly_ExitsWithTwo()
    {
        var (exitCode, _, error) = Run(_scratch.File("absent.dll"), "--mscorlib", GatePaths.NanoMscorlib);

        Assert.Equal(GateCommand.UsageError, exitCode);
        Assert.Contains("absent.dll", error, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = GateCommand.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
