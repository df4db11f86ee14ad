using Millwright.Hardware.Boards.Tool;

namespace Millwright.Hardware.Boards.Tests.Generation;

/// <summary>The command line documented in docs/boards.md.</summary>
public sealed class BoardToolTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mw-board-tool-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Generate_check_passes_on_the_repository()
    {
        var (exitCode, output, error) = Run("generate", "--check", "--root", TestPaths.RepositoryRoot);

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("unchanged firmware/Millwright.Firmware.Esp32/Boards/Esp32DevKitC.g.cs", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_writes_the_committed_files_into_an_empty_tree()
    {
        var boards = Directory.CreateDirectory(Path.Combine(_scratch, "hardware", "boards")).FullName;
        foreach (var path in Directory.GetFiles(TestPaths.Boards))
        {
            File.Copy(path, Path.Combine(boards, Path.GetFileName(path)));
        }

        var (exitCode, output, _) = Run("generate", "--root", _scratch);

        Assert.Equal(0, exitCode);
        Assert.Contains("wrote firmware/Millwright.Firmware.Esp32/Boards/Esp32S3DevKitC.g.cs", output, StringComparison.Ordinal);
        foreach (var name in new[] { "Esp32DevKitC.g.cs", "Esp32S3DevKitC.g.cs" })
        {
            var relative = Path.Combine("firmware", "Millwright.Firmware.Esp32", "Boards", name);
            Assert.Equal(File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, relative)), File.ReadAllBytes(Path.Combine(_scratch, relative)));
        }

        Assert.Equal(0, Run("generate", "--check", "--root", _scratch).ExitCode);
    }

    [Fact]
    public void Generate_check_fails_on_a_stale_file()
    {
        var output = Directory.CreateDirectory(Path.Combine(_scratch, "firmware", "Millwright.Firmware.Esp32", "Boards")).FullName;
        Directory.CreateDirectory(Path.Combine(_scratch, "hardware", "boards"));
        File.WriteAllText(Path.Combine(output, "Gone.g.cs"), "// left over\n");

        var (exitCode, _, error) = Run("generate", "--check", "--root", _scratch);

        Assert.Equal(1, exitCode);
        Assert.Contains("stale (no board file generates it; delete it): firmware/Millwright.Firmware.Esp32/Boards/Gone.g.cs", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_prints_each_issue_and_fails_on_a_bad_board()
    {
        var (exitCode, output, _) = Run("validate", TestPaths.BadBoard("flash-pin"), TestPaths.WarnBoard("strapping-pin"), "--root", TestPaths.RepositoryRoot);

        Assert.Equal(1, exitCode);
        Assert.Contains("flash-pin.json: error: actuators[0] \"coolant-pump\" pin 11: flash-pin: ", output, StringComparison.Ordinal);
        Assert.Contains("flash-pin.json: REJECTED (1 error(s), 0 warning(s))", output, StringComparison.Ordinal);
        Assert.Contains("strapping-pin.json: valid (0 error(s), 1 warning(s))", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_passes_the_committed_boards()
    {
        var (exitCode, output, _) = Run("validate", "--root", TestPaths.RepositoryRoot);

        Assert.Equal(0, exitCode);
        Assert.Contains("virtual.json: valid (0 error(s), 0 warning(s))", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = BoardTool.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
