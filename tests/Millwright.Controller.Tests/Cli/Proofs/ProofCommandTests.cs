using Millwright.Controller.Anchoring.State;
using Millwright.Controller.Cli.Proofs;
using Millwright.Controller.Cli.Verification;
using Millwright.Controller.Proofs.Export;
using Millwright.Controller.Storage;
using Millwright.Controller.Tests.Proofs;

namespace Millwright.Controller.Tests.Cli.Proofs;

/// <summary>
/// `millwright proof` in this process over a fake log and the anchoring service's real files in a temporary data
/// directory (the end-to-end run against the real database is in the integration tests).
/// </summary>
public sealed class ProofCommandTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("millwright-proof-").FullName;
    private readonly ProofFixture _fixture = new(16);

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Theory]
    [InlineData(new string[0], "proof needs a frame: --log-index N, or --device ID --epoch E --seq S")]
    [InlineData(new[] { "--log-index", "3", "--device", "press-01" }, "name the frame either by --log-index N or by --device ID --epoch E --seq S, not both")]
    [InlineData(new[] { "--device", "press-01", "--seq", "4" }, "a frame by device needs all three of --device ID --epoch E --seq S")]
    [InlineData(new[] { "--log-index", "0" }, "--log-index takes a whole number, at least 1")]
    [InlineData(new[] { "--log-index", "x" }, "--log-index takes a whole number, at least 1")]
    [InlineData(new[] { "--log-index", "3", "--from", "2" }, "proof does not take --from")]
    [InlineData(new[] { "consistency" }, "proof consistency needs --from N (the older tree size); --to M defaults to the newest anchored checkpoint")]
    [InlineData(new[] { "consistency", "--from", "2", "--unanchored" }, "proof consistency does not take --unanchored")]
    [InlineData(new[] { "frames", "--log-index", "3" }, "proof: unexpected argument 'frames'; the only verb is 'consistency'")]
    [InlineData(new[] { "--log-index", "3", "--out" }, "--out takes a file path")]
    public void A_usage_mistake_prints_what_was_expected_and_the_usage(string[] args, string expected)
    {
        (int code, string output, string error) = Run(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("millwright proof: " + expected, error, StringComparison.Ordinal);
        Assert.Contains("usage: millwright proof (--log-index N | --device ID --epoch E --seq S) [--unanchored] [common options]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frame_exported_to_a_file_by_device_verifies()
    {
        await AnchorAsync(16, block: 4);
        string file = Path.Combine(_dataDirectory, "proof.json");

        (int code, string output, string error) = Run(["--data-dir", _dataDirectory, "--device", "mill-02", "--epoch", "1", "--seq", "3", "--out", file]);
        var verifyOutput = new StringWriter();
        int verified = VerifyCommand.Run([file], verifyOutput, new StringWriter(), () => new StringReader(string.Empty), _ => new FakeAnchorContract());

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal($"wrote the proof of mill-02 epoch 1 sequence 3 (leaf 5, tree of 16, anchored in block 4) to {file}\n", output.Replace("\r", string.Empty, StringComparison.Ordinal));
        Assert.Equal(0, verified);
        Assert.Contains("verify: OK", verifyOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_out_the_bundle_goes_to_standard_output()
    {
        await AnchorAsync(16, block: 4);

        (int code, string output, _) = Run(["--data-dir", _dataDirectory, "--log-index", "2"]);

        Assert.Equal(0, code);
        Assert.StartsWith("{\n  \"format\": \"millwright-frame-proof\",\n  \"version\": 1,", output.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frame_not_anchored_yet_exits_3_naming_the_situation_and_unanchored_gets_a_bundle()
    {
        await AnchorAsync(8, block: 2);

        (int refused, _, string error) = Run(["--data-dir", _dataDirectory, "--log-index", "9"]);
        (int unanchored, string output, _) = Run(["--data-dir", _dataDirectory, "--log-index", "9", "--unanchored"]);

        Assert.Equal(ProofCommand.NotYetAnchoredExitCode, refused);
        Assert.StartsWith("millwright proof: frame 9 (press-01, epoch 1, sequence 5) is not covered by an anchored checkpoint yet", error, StringComparison.Ordinal);
        Assert.Equal(0, unanchored);
        Assert.Contains("\"anchor\": null", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consistency_proof_defaults_to_the_newest_anchored_checkpoint()
    {
        await AnchorAsync(12, block: 3);

        (int code, string output, _) = Run(["consistency", "--data-dir", _dataDirectory, "--from", "5"]);

        Assert.Equal(0, code);
        Assert.Contains("\"format\": \"millwright-consistency-proof\"", output, StringComparison.Ordinal);
        Assert.Contains("\"treeSize\": 12", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_frame_exits_1()
    {
        (int code, _, string error) = Run(["--data-dir", _dataDirectory, "--log-index", "99", "--unanchored"]);

        Assert.Equal(1, code);
        Assert.Equal("millwright proof: no stored frame has log index 99", error.TrimEnd());
    }

    [Fact]
    public void A_data_directory_without_a_database_is_named()
    {
        var error = new StringWriter();
        int code = ProofCommand.Run(["--data-dir", _dataDirectory, "--log-index", "1"], new StringWriter(), error);

        Assert.Equal(1, code);
        Assert.StartsWith($"millwright proof: no database in {_dataDirectory}", error.ToString(), StringComparison.Ordinal);
    }

    private async Task AnchorAsync(long size, long block)
    {
        _fixture.AnchorAt(size, block);
        AnchorHistory history = (await _fixture.Anchors.LoadAsync(TestContext.Current.CancellationToken))!;
        var store = new FileAnchorStateStore(AnchorStateFiles.FolderOf(_dataDirectory), history.ChainId);
        await store.SaveAsync(AnchorState.Empty(history.ChainId, history.ContractAddress) with { Watched = [.. history.Anchored] }, TestContext.Current.CancellationToken);
    }

    private (int Code, string Output, string Error) Run(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = ProofCommand.Run(args, output, error, (_, _) => Task.FromResult<IMerkleLogStore>(_fixture.Log));
        return (code, output.ToString(), error.ToString());
    }
}
