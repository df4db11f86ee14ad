using System.Numerics;
using Microsoft.Extensions.Logging.Abstractions;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Anvil;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Anchoring.Keys;
using Nethereum.KeyStore.Model;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>A configured endpoint (any EVM chain): its chain id must match, its keystore is used, a dead endpoint is "unavailable".</summary>
[Collection(AnvilTestGroup.Name)]
public sealed class AnchorChainConnectionTests : IDisposable
{
    private static readonly ScryptParams Cheap = new() { N = 1 << 12, R = 8, P = 1, Dklen = 32 };
    private readonly string _data = Path.Combine(Path.GetTempPath(), "millwright-anchor-endpoint-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task A_configured_endpoint_is_used_with_its_chain_id_and_the_configured_keystore()
    {
        await using ContractTestBed remote = await ContractTestBed.StartAsync();
        AnchorOptions options = await ConfiguredAsync(remote.Url);
        (_, string address, _) = await AnchorKeystore.OpenOrCreateAsync(options.KeystorePath, "operator password", Cheap, TestContext.Current.CancellationToken);
        await remote.Cheats.SetBalanceAsync(address, BigInteger.Pow(10, 19)); // the operator funds the account

        await using var connection = new AnchorChainConnection(options, _data, NullLoggerFactory.Instance, Cheap);
        AnchorSession session = await connection.ConnectAsync(TestContext.Current.CancellationToken);

        Assert.Null(session.Anvil);
        Assert.Equal(address, session.Chain.AnchorerAddress);
        Assert.False(Directory.Exists(Path.Combine(_data, "chain")));
        await remote.AnchorAsync(session.Chain, TestLogHead.CheckpointOf(42));
        Assert.Equal(42, await session.Chain.GetLatestSizeAsync(TestContext.Current.CancellationToken));

        await using var again = new AnchorChainConnection(options, _data, NullLoggerFactory.Instance, Cheap);
        Assert.Equal(session.Chain.ContractAddress, (await again.ConnectAsync(TestContext.Current.CancellationToken)).Chain.ContractAddress);
    }

    [Fact]
    public async Task An_endpoint_serving_another_chain_is_refused_naming_the_key()
    {
        await using ContractTestBed remote = await ContractTestBed.StartAsync();
        AnchorOptions options = await ConfiguredAsync(remote.Url);
        options.ChainId = 1;

        await using var connection = new AnchorChainConnection(options, _data, NullLoggerFactory.Instance, Cheap);
        InvalidOperationException refused = await Assert.ThrowsAsync<InvalidOperationException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Millwright:Anchoring:ChainId is 1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("31337", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_answer_is_unavailable_not_a_crash()
    {
        AnchorOptions options = await ConfiguredAsync(new Uri($"http://127.0.0.1:{FreeTcpPort.Pick()}/"));
        options.RpcTimeout = TimeSpan.FromSeconds(2);

        await using var connection = new AnchorChainConnection(options, _data, NullLoggerFactory.Instance, Cheap);

        await Assert.ThrowsAsync<ChainUnavailableException>(() => connection.ConnectAsync(TestContext.Current.CancellationToken));
    }

    private async Task<AnchorOptions> ConfiguredAsync(Uri url)
    {
        Directory.CreateDirectory(_data);
        string passwordFile = Path.Combine(_data, "password");
        await File.WriteAllTextAsync(passwordFile, "operator password\n", TestContext.Current.CancellationToken);
        return new AnchorOptions
        {
            RpcUrl = url.ToString(),
            ChainId = 31337,
            KeystorePath = Path.Combine(_data, "operator-keystore.json"),
            PasswordFile = passwordFile,
        };
    }
}
