using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Millwright.Hardware.Boards.Tests.Generation;

/// <summary>Compiles generated board code with Roslyn: against nanoFramework's mscorlib, or against .NET 10 to run it.</summary>
internal static class GeneratedCodeCompiler
{
    /// <summary>The firmware sources the generated code needs: Board/ and the two hardware interfaces IBoardIo names.</summary>
    public static IEnumerable<string> FirmwareBoardSources()
    {
        var firmware = Path.Combine(TestPaths.RepositoryRoot, "firmware", "Millwright.Firmware");
        return Directory.GetFiles(Path.Combine(firmware, "Board"), "*.cs")
            .Append(Path.Combine(firmware, "Hardware", "ISensorChannel.cs"))
            .Append(Path.Combine(firmware, "Hardware", "IActuatorOutput.cs"))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>Compiles the files as the nano build does (mscorlib only, NANOFRAMEWORK_1_0) and writes the assembly.</summary>
    public static void CompileForNano(IEnumerable<string> sourcePaths, string outputPath)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: ["NANOFRAMEWORK_1_0"]);
        var compilation = CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(outputPath),
            sourcePaths.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parse, path)),
            [MetadataReference.CreateFromFile(TestPaths.NanoMscorlib)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var output = File.Create(outputPath);
        Emit(compilation, output);
    }

    /// <summary>Compiles generated code against .NET 10 and this process's Millwright.Firmware, and loads it.</summary>
    public static Assembly CompileAndLoad(string source, string assemblyName)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var output = new MemoryStream();
        Emit(compilation, output);
        return Assembly.Load(output.ToArray());
    }

    private static void Emit(CSharpCompilation compilation, Stream output)
    {
        var result = compilation.Emit(output);
        var problems = result.Diagnostics.Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(result.Success && problems.Count == 0, "generated board code does not compile cleanly:\n" + string.Join("\n", problems));
    }
}
