using System.IO.Compression;
using System.Numerics;
using Millwright.Controller.Anchoring.State;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;

namespace Millwright.Controller.Anchoring.Anvil;

/// <summary>The few JSON-RPC calls the node's keeper makes: block number, state dump to a file, balances.</summary>
internal static class AnvilRpc
{
    public static async Task<long> BlockNumberAsync(Uri url, CancellationToken cancellationToken)
    {
        var client = new RpcClient(url);
        HexBigInteger block = await client.SendRequestAsync<HexBigInteger>("eth_blockNumber").WaitAsync(cancellationToken);
        return (long)block.Value;
    }

    /// <summary>anvil_dumpState (gzip, hex) unpacked to the JSON that --load-state reads, replacing the file atomically.</summary>
    public static async Task DumpStateToFileAsync(Uri url, string stateFile, CancellationToken cancellationToken)
    {
        var client = new RpcClient(url);
        string dump = await client.SendRequestAsync<string>("anvil_dumpState").WaitAsync(cancellationToken);
        byte[] compressed = Convert.FromHexString(dump.AsSpan(dump.StartsWith("0x", StringComparison.Ordinal) ? 2 : 0));
        using var json = new MemoryStream();
        await using (var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(json, cancellationToken);
        }

        if (json.Length == 0)
        {
            throw new InvalidDataException("anvil_dumpState returned an empty state");
        }

        await AtomicFile.WriteAsync(stateFile, json.GetBuffer().AsMemory(0, (int)json.Length), cancellationToken);
    }

    /// <summary>Gives <paramref name="address"/> 1000 ether if it has less than 1 (anvil_setBalance).</summary>
    public static async Task FundAsync(Uri url, string address, CancellationToken cancellationToken)
    {
        var client = new RpcClient(url);
        HexBigInteger balance = await client.SendRequestAsync<HexBigInteger>("eth_getBalance", null, address, "latest").WaitAsync(cancellationToken);
        if (balance.Value < BigInteger.Pow(10, 18))
        {
            await client.SendRequestAsync("anvil_setBalance", null, address, new HexBigInteger(BigInteger.Pow(10, 21)).HexValue).WaitAsync(cancellationToken);
        }
    }

    public static bool IsTransportOrDumpFailure(Exception e) =>
        e is IOException or RpcClientUnknownException or RpcClientTimeoutException or RpcResponseException or InvalidDataException;
}
