using Millwright.Firmware.Board;
using Millwright.Hardware.Boards.Conversion;
using Millwright.Hardware.Boards.Generation;
using Millwright.Hardware.Boards.Loading;
using Millwright.NanoGate;

namespace Millwright.Hardware.Boards.Tests.Generation;

/// <summary>The generated code builds on nanoFramework and builds the same board as the converter.</summary>
public sealed class GeneratedCodeBuildTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("mw-boards-").FullName;

    public static TheoryData<string> RealBoards => ["esp32-devkitc.json", "esp32-s3-devkitc.json"];

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void Generated_code_compiles_against_nano_mscorlib_with_the_firmware_board_sources_and_passes_the_gate()
    {
        var generated = Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, BoardCodeGenerator.OutputDirectory), "*.g.cs");
        var assembly = Path.Combine(_scratch, "Millwright.Firmware.Esp32.Boards.dll");
        Assert.Equal(2, generated.Length);

        GeneratedCodeCompiler.CompileForNano(generated.Concat(GeneratedCodeCompiler.FirmwareBoardSources()), assembly);
        var report = AssemblyGate.Check(new GateRequest(assembly, TestPaths.NanoMscorlib, []));

        Assert.True(report.Passed, report.SummaryLine + "\n" + string.Join("\n", report.Violations));
        Assert.True(report.TypesChecked >= 10, report.SummaryLine);
    }

    [Theory]
    [MemberData(nameof(RealBoards))]
    public void Generated_code_builds_what_the_converter_builds(string fileName)
    {
        var board = BoardLoader.LoadValid(TestPaths.Board(fileName));
        var source = BoardCodeGenerator.Generate(board, fileName);

        var type = GeneratedCodeCompiler.CompileAndLoad(source, "Generated." + board.EffectiveCodeName)
            .GetType($"{BoardCodeGenerator.Namespace}.{BoardCodeGenerator.ClassName(board)}", throwOnError: true)!;
        var description = (BoardDescription)type.GetMethod("CreateDescription")!.Invoke(null, null)!;
        var wiring = (BoardWiring)type.GetMethod("CreateWiring")!.Invoke(null, null)!;

        Assert.Equal(board.Name, type.GetField("Name")!.GetRawConstantValue());
        Assert.Equal(BoardSnapshot.Describe(BoardConverter.ToDescription(board)), BoardSnapshot.Describe(description));
        Assert.Equal(BoardSnapshot.Describe(BoardConverter.ToWiring(board)), BoardSnapshot.Describe(wiring));
    }
}
