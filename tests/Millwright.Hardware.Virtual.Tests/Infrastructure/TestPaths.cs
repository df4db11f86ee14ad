using System.Reflection;

namespace Millwright.Hardware.Virtual.Tests.Infrastructure;

/// <summary>Where the repository's board files and the built virtual board are.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string VirtualBoardFile => Path.Combine(RepositoryRoot, "hardware", "boards", "virtual.json");

    /// <summary>A copy of virtual.json with a drive-speed and a feed-load actuator (machines whose speed and load the controller sets).</summary>
    public static string DriveBoardFile => Path.Combine(AppContext.BaseDirectory, "TestData", "virtual-drive.json");

    /// <summary>The virtual board program, built next to the tests (the test project references it).</summary>
    public static string VirtualBoardDll => Path.Combine(AppContext.BaseDirectory, "Millwright.Hardware.Virtual.dll");
}
