using System.Reflection;

namespace Millwright.Hardware.Boards.Tests;

/// <summary>Paths the build wrote into this assembly (see the AssemblyMetadata items in the project file).</summary>
internal static class TestPaths
{
    public static string RepositoryRoot => Read("RepositoryRoot");

    public static string NanoMscorlib => Read("NanoMscorlibPath");

    public static string Boards => Path.Combine(RepositoryRoot, "hardware", "boards");

    public static string Tests => Path.Combine(RepositoryRoot, "tests", "Millwright.Hardware.Boards.Tests");

    public static string Board(string fileName) => Path.Combine(Boards, fileName);

    public static string BadBoard(string rule) => Path.Combine(Tests, "BadBoards", rule + ".json");

    public static string WarnBoard(string rule) => Path.Combine(Tests, "WarnBoards", rule + ".json");

    private static string Read(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value
        ?? throw new InvalidOperationException($"AssemblyMetadata {key} has no value");
}
