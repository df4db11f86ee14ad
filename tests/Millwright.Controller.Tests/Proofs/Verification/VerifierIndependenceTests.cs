using System.Reflection;
using System.Text.RegularExpressions;

namespace Millwright.Controller.Tests.Proofs.Verification;

/// <summary>
/// `verify` is the auditor's tool: it must run with the bundle alone. Its code (the bundle format, the checks and the
/// command) may not reach the database, the storage records, the controller's host or its API.
/// </summary>
public sealed partial class VerifierIndependenceTests
{
    private static readonly string[] AuditorFolders =
    [
        "controller/Millwright.Controller/Proofs/Bundles",
        "controller/Millwright.Controller/Proofs/Verification",
        "controller/Millwright.Controller/Cli/Verification",
    ];

    [Fact]
    public void The_verifier_and_the_bundle_format_use_nothing_of_storage_hosting_or_the_api()
    {
        string root = typeof(VerifierIndependenceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
        List<string> files = AuditorFolders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs")).ToList();

        Assert.True(files.Count >= 10, $"found only {files.Count} files");
        foreach (string file in files)
        {
            Match forbidden = ForbiddenNamespace().Match(File.ReadAllText(file));
            Assert.False(forbidden.Success, $"{Path.GetRelativePath(root, file)} uses {forbidden.Value}");
        }
    }

    [GeneratedRegex(@"Millwright\.Controller\.(Storage|Hosting|Api|Ingest|Mqtt|Proofs\.Export)\b")]
    private static partial Regex ForbiddenNamespace();
}
