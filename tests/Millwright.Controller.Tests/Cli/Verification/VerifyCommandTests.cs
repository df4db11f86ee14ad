using Millwright.Controller.Cli;
using Millwright.Controller.Cli.Verification;
using Millwright.Controller.Proofs.Bundles;
using Millwright.Controller.Tests.Proofs;

namespace Millwright.Controller.Tests.Cli.Verification;

/// <summary>`millwright verify` in this process: bundle files in a temporary folder, the chain a fake.</summary>
public sealed class VerifyCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("millwright-verify-").FullName;
    private readonly FakeAnchorContract _chain = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(new string[0], "verify needs a bundle file (or - for standard input)")]
    [InlineData(new[] { "a.json", "b.json" }, "verify takes one bundle file; got 'a.json' and 'b.json'")]
    [InlineData(new[] { "a.json", "--confirmations", "3" }, "--confirmations is checked on chain: it needs --rpc URL")]
    [InlineData(new[] { "a.json", "--rpc", "ftp://node" }, "--rpc takes an http or https URL, such as http://127.0.0.1:8545; got 'ftp://node'")]
    [InlineData(new[] { "a.json", "--rpc" }, "--rpc takes a JSON-RPC endpoint URL (http or https)")]
    [InlineData(new[] { "a.json", "--rpc", "http://x", "--confirmations", "0" }, "--confirmations takes a whole number from 1 to 1000000")]
    [InlineData(new[] { "a.json", "--secret", "00" }, "a secret is never taken from the command line")]
    [InlineData(new[] { "a.json", "--fast" }, "verify does not take --fast")]
    public void A_usage_mistake_prints_what_was_expected_and_the_usage(string[] args, string expected)
    {
        (int code, string output, string error) = Run(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("millwright verify: " + expected, error, StringComparison.Ordinal);
        Assert.Contains("usage: millwright verify BUNDLE [--rpc URL [--confirmations N]] [--secret-file F]", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_file_that_cannot_be_read_is_named()
    {
        string missing = Path.Combine(_folder, "missing.json");

        (int code, _, string error) = Run([missing]);

        Assert.Equal(2, code);
        Assert.StartsWith($"millwright verify: cannot read the bundle '{missing}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_main_usage_lists_proof_and_verify()
    {
        var output = new StringWriter();
        CommandLine.Run(["help"], output, new StringWriter());

        Assert.Contains("verify BUNDLE [--rpc URL [--confirmations N]] [--secret-file F]", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("proof (--log-index N | --device ID --epoch E --seq S) [--unanchored] [--out FILE]", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("proof consistency --from N [--to M] [--out FILE]", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_genuine_bundle_passes_every_check_on_its_own_line_and_exits_0()
    {
        (ProofFixture fixture, string file) = await WriteBundleAsync();
        string secretFile = Path.Combine(_folder, "press-01.secret");
        await File.WriteAllTextAsync(secretFile, Convert.ToHexStringLower(fixture.Press.Secret) + "\n", TestContext.Current.CancellationToken);
        _chain.Hold(8, fixture.Log.Root(8), 3);

        (int code, string output, string error) = Run([file, "--secret-file", secretFile, "--rpc", "http://127.0.0.1:8545", "--confirmations", "2"]);

        Assert.Equal(0, code);
        Assert.Empty(error);
        string[] lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("bundle: frame proof of press-01 epoch 1 sequence 3: leaf 4 of a tree of 8", lines[0], StringComparison.Ordinal);
        Assert.Equal(["PASS frame", "PASS inclusion", "PASS mac", "PASS chain-id", "PASS on-chain-root", "PASS block", "PASS confirmations"], lines[1..8].Select(l => l[..l.IndexOf(':', StringComparison.Ordinal)]));
        Assert.Equal("verify: OK, all 7 checks passed", lines[^1]);
    }

    [Fact]
    public async Task A_bundle_from_standard_input_is_read_when_the_file_is_a_dash()
    {
        (_, string file) = await WriteBundleAsync();
        string json = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);

        (int code, string output, _) = Run(["-"], stdin: json);

        Assert.Equal(0, code);
        Assert.Contains("verify: OK, all 2 checks passed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_changed_hex_digit_of_the_frame_in_the_file_fails_inclusion_and_exits_1()
    {
        (ProofFixture fixture, string file) = await WriteBundleAsync();
        string json = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        string frameHex = Convert.ToHexStringLower((await fixture.Log.GetFrameAsync(5, TestContext.Current.CancellationToken))!.RawMessage);
        string changed = frameHex[..^1] + (frameHex[^1] == '0' ? '1' : '0'); // in the MAC tag: the frame still reads
        await File.WriteAllTextAsync(file, json.Replace(frameHex, changed, StringComparison.Ordinal), TestContext.Current.CancellationToken);

        (int code, string output, _) = Run([file]);

        Assert.Equal(1, code);
        Assert.Contains("FAIL inclusion: leaf 4 in a tree of 8: the proof leads to a different root", output, StringComparison.Ordinal);
        Assert.Contains("verify: FAILED, 1 of 2 checks failed: inclusion", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_wrong_secret_fails_the_mac_and_exits_1()
    {
        (ProofFixture fixture, string file) = await WriteBundleAsync();
        string secretFile = Path.Combine(_folder, "mill-02.secret");
        await File.WriteAllBytesAsync(secretFile, fixture.Mill.Secret, TestContext.Current.CancellationToken);

        (int code, string output, _) = Run([file, "--secret-file", secretFile]);

        Assert.Equal(1, code);
        Assert.Contains("FAIL mac: the frame's key id", output, StringComparison.Ordinal);
        Assert.Contains("checks failed: mac", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_file_that_is_not_a_secret_is_a_usage_mistake()
    {
        (_, string file) = await WriteBundleAsync();
        string secretFile = Path.Combine(_folder, "bad.secret");
        await File.WriteAllTextAsync(secretFile, "not a secret", TestContext.Current.CancellationToken);

        (int code, _, string error) = Run([file, "--secret-file", secretFile]);

        Assert.Equal(2, code);
        Assert.Contains("an imported secret must be 64 hex digits or exactly 32 bytes", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_bundle_fails_the_format_check()
    {
        string file = Path.Combine(_folder, "not-a-bundle.json");
        await File.WriteAllTextAsync(file, "{\"format\": \"millwright-frame-proof\", \"version\": 7}", TestContext.Current.CancellationToken);

        (int code, string output, _) = Run([file]);

        Assert.Equal(1, code);
        Assert.StartsWith("FAIL format: bundle version 7: this verifier reads version 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_with_a_consistency_bundle_is_refused()
    {
        var fixture = new ProofFixture(8);
        string file = Path.Combine(_folder, "consistency.json");
        await File.WriteAllTextAsync(file, ProofBundleJson.Serialize(await fixture.Builder.ConsistencyAsync(3, 8, TestContext.Current.CancellationToken)), TestContext.Current.CancellationToken);
        string secretFile = Path.Combine(_folder, "press.secret");
        await File.WriteAllBytesAsync(secretFile, fixture.Press.Secret, TestContext.Current.CancellationToken);

        (int offline, string output, _) = Run([file]);
        (int withSecret, _, string error) = Run([file, "--secret-file", secretFile]);

        Assert.Equal(0, offline);
        Assert.Contains("PASS consistency: the tree of size 3", output, StringComparison.Ordinal);
        Assert.Equal(2, withSecret);
        Assert.Contains("a consistency bundle holds no frame", error, StringComparison.Ordinal);
    }

    private async Task<(ProofFixture Fixture, string File)> WriteBundleAsync()
    {
        var fixture = new ProofFixture(8);
        fixture.AnchorAt(8, block: 3);
        string file = Path.Combine(_folder, "frame-5.json");
        await File.WriteAllTextAsync(file, ProofBundleJson.Serialize(await fixture.BundleAsync(5)), TestContext.Current.CancellationToken);
        return (fixture, file);
    }

    private (int Code, string Output, string Error) Run(string[] args, string stdin = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = VerifyCommand.Run(args, output, error, () => new StringReader(stdin), _ => _chain);
        return (code, output.ToString(), error.ToString());
    }
}
