using System.Net.Http;
using System.Net.Sockets;
using Nethereum.JsonRpc.Client;

namespace Millwright.Controller.Anchoring.Chain;

/// <summary>
/// Runs one JSON-RPC request and turns transport failures into <see cref="ChainUnavailableException"/>, so callers
/// tell "the node is down" from "the node said no" (<see cref="RpcResponseException"/>).
/// Nethereum's requests take no cancellation token: the caller's token abandons the wait, the request times out alone.
/// </summary>
internal static class RpcCall
{
    public static async Task<T> RunAsync<T>(string what, Func<Task<T>> request, CancellationToken cancellationToken)
    {
        try
        {
            return await request().WaitAsync(cancellationToken);
        }
        catch (Exception e) when (IsTransport(e))
        {
            throw new ChainUnavailableException($"{what}: the chain's JSON-RPC endpoint did not answer ({Innermost(e).Message})", e);
        }
    }

    public static async Task RunAsync(string what, Func<Task> request, CancellationToken cancellationToken) =>
        await RunAsync(what, async () =>
        {
            await request();
            return true;
        }, cancellationToken);

    private static bool IsTransport(Exception e) =>
        e is RpcClientUnknownException or RpcClientTimeoutException or HttpRequestException or SocketException or IOException
        || (e is TaskCanceledException && e.InnerException is TimeoutException);

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
