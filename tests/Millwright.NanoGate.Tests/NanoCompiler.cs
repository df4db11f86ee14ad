using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Millwright.NanoGate.Tests;

/// <summary>Compiles C# snippets in memory with Roslyn against nanoFramework's mscorlib, as the nano build does.</summary>
internal static class NanoCompiler
{
    /// <summary>Compiles <paramref name="source"/> to <paramref name="outputPath"/>; fails the test on any compile error.</summary>
    public static string Compile(string source, string outputPath, string? corlibPath = null, params string[] references)
    {
        var name = Path.GetFileNameWithoutExtension(outputPath);
        var metadata = new[] { corlibPath ?? GatePaths.NanoMscorlib }.Concat(references)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            metadata,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Disable));
        using var output = File.Create(outputPath);
        var result = compilation.Emit(output);
        var errors = result.Diagnostics.Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(result.Success, "snippet does not compile against nano mscorlib:\n" + string.Join("\n", errors));
        return outputPath;
    }

    /// <summary>Compiles a corlib of our own named mscorlib, to reference things the real one lacks.</summary>
    public static string CompileCorlib(string source, string outputPath)
    {
        var compilation = CSharpCompilation.Create(
            "mscorlib",
            [CSharpSyntaxTree.ParseText(source)],
            [],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var output = File.Create(outputPath);
        var result = compilation.Emit(output);
        Assert.True(result.Success, "fake corlib does not compile:\n" + string.Join("\n", result.Diagnostics));
        return outputPath;
    }
}
