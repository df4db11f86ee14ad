using Microsoft.Extensions.Logging;
using Millwright.Controller.Anchoring;
using Millwright.Controller.Anchoring.Chain;
using Millwright.Controller.Anchoring.State;
using Millwright.Controller.Storage.Records;
using Millwright.Protocol.Merkle;
using Nethereum.KeyStore.Model;

namespace Millwright.Controller.Tests.Anchoring;

/// <summary>
/// The anchoring stack of one controller against a real local Anvil in a temporary data directory: the chain
/// connection (Anvil started, keystore created, contract deployed) and the state machine, stepped by the test with a
/// clock the test moves. "Restart the service" reopens the machine from its store; "restart the controller" also stops
/// and restarts Anvil from its saved chain.
/// </summary>
internal sealed class AnchorHarness : IAsyncDisposable
{
    // Cheap key derivation for test keystores (the controller's default costs about a second per open).
    private static readonly ScryptParams TestKeystoreCost = new() { N = 1 << 12, R = 8, P = 1, Dklen = 32 };
    private readonly ILoggerFactory _loggers = TestOutputLoggerProvider.CreateFactory();
    private AnchorChainConnection _connection;

    private AnchorHarness(string dataDirectory, AnchorOptions options, StoredFrameLog log)
    {
        DataDirectory = dataDirectory;
        Options = options;
        Log = log;
        _connection = NewConnection();
    }

    public string DataDirectory { get; }

    public AnchorOptions Options { get; }

    public ManualClock Clock { get; } = new();

    /// <summary>The real frame log (SQLite store in the data directory) whose checkpoints are anchored.</summary>
    public StoredFrameLog Log { get; }

    /// <summary>When set (<see cref="StartWithFakeLogAsync"/>), anchored instead of <see cref="Log"/>: a head the test
    /// sets to any size without storing frames (gas at a billion leaves).</summary>
    public TestLogHead? FakeLog { get; private init; }

    public AnchorSession Session { get; private set; } = null!;

    public AnchorStateMachine Machine { get; private set; } = null!;

    public IAnchorChain Chain => Session.Chain;

    public AnchorState State => Machine.State;

    public AnvilCheats Cheats => new(Session.Anvil!.RpcUrl);

    public AnchorPolicy Policy => AnchorPolicy.From(Options);

    public static Task<AnchorHarness> StartWithFakeLogAsync() => StartAsync(null, new TestLogHead());

    public static Task<AnchorHarness> StartAsync(Action<AnchorOptions>? configure = null) => StartAsync(configure, null);

    private static async Task<AnchorHarness> StartAsync(Action<AnchorOptions>? configure, TestLogHead? fakeLog)
    {
        await AnvilAvailability.RequireAsync();
        string dataDirectory = Path.Combine(Path.GetTempPath(), "millwright-anchoring-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        string passwordFile = Path.Combine(dataDirectory, "keystore-password.txt");
        await File.WriteAllTextAsync(passwordFile, "correct horse battery staple\n");
        var options = new AnchorOptions
        {
            PasswordFile = passwordFile,
            MinFrames = 1,
            MaxInterval = TimeSpan.FromHours(1),
            StuckAfter = TimeSpan.FromSeconds(30),
            FailureBackoff = TimeSpan.FromSeconds(10),
            AnvilStateInterval = TimeSpan.FromMilliseconds(200),
            Confirmations = 1,
        };
        configure?.Invoke(options);
        var harness = new AnchorHarness(dataDirectory, options, await StoredFrameLog.OpenAsync(dataDirectory)) { FakeLog = fakeLog };
        await harness.ConnectAsync();
        return harness;
    }

    /// <summary>One step; a chain that does not answer is handled as the service does (restart Anvil if it died).</summary>
    public async Task StepAsync()
    {
        try
        {
            await Machine.StepAsync(TestContext.Current.CancellationToken);
        }
        catch (ChainUnavailableException)
        {
            await _connection.RecoverAsync(TestContext.Current.CancellationToken);
            await ReconnectAsync();
        }
        catch (AnchorContractMissingException)
        {
            _connection.Reset();
            await ReconnectAsync();
        }
    }

    /// <summary>Steps until <paramref name="done"/> holds, failing after <paramref name="maxSteps"/>.</summary>
    public async Task StepUntilAsync(Func<AnchorState, bool> done, string what, int maxSteps = 60)
    {
        for (int step = 0; step < maxSteps; step++)
        {
            await StepAsync();
            if (done(State))
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"after {maxSteps} steps still not: {what}; phase {State.Phase}, queue {State.Queue.Count}, in flight {State.InFlight is not null}, last failure {State.LastFailure?.Reason}");
    }

    public Task StepUntilAnchoredAsync(long size, int maxSteps = 60) =>
        StepUntilAsync(state => state.Queue.Count == 0 && state.Watched.Concat(state.LastFinal is null ? [] : [state.LastFinal]).Any(anchored => anchored.Checkpoint.Size == size),
            $"size {size} anchored", maxSteps);

    /// <summary>A new state machine on the same store and chain: the anchoring service restarted.</summary>
    public async Task RestartServiceAsync() =>
        Machine = await AnchorStateMachine.OpenAsync(Session.Chain, Session.Store, (IMerkleLogHead?)FakeLog ?? Log, Policy, Clock,
            _loggers.CreateLogger<AnchorStateMachine>(), TestContext.Current.CancellationToken);

    /// <summary>The whole controller restarted: Anvil saved and stopped, then everything opened again from the data directory.</summary>
    public async Task RestartControllerAsync()
    {
        await _connection.DisposeAsync();
        _connection = NewConnection();
        await ConnectAsync();
    }

    public Task<IReadOnlyList<AnchoredEvent>> EventsAsync() => Cheats.AnchoredEventsAsync(Chain.ContractAddress);

    /// <summary>
    /// Asserts the contract's history is exactly these sizes, each once, in this order, with this log's roots; and that
    /// every stored frame is provable against the chain: its inclusion proof, from the store, leads to the root the
    /// contract holds for the first anchored size that covers it (frames after the last anchor are not yet provable).
    /// </summary>
    public async Task AssertAnchoredExactlyAsync(params long[] sizes)
    {
        CancellationToken cancellationToken = TestContext.Current.CancellationToken;
        IReadOnlyList<AnchoredEvent> events = await EventsAsync();
        Assert.Equal(sizes, events.Select(anchored => anchored.Checkpoint.Size));
        foreach (AnchoredEvent anchored in events)
        {
            Assert.Equal(await Log.CheckpointOfAsync(anchored.Checkpoint.Size), anchored.Checkpoint);
        }

        var onChain = new Dictionary<long, byte[]>();
        foreach (long size in sizes)
        {
            LogCheckpoint? recorded = (await Chain.GetCheckpointAsync(size, cancellationToken))?.Checkpoint;
            Assert.Equal(await Log.CheckpointOfAsync(size), recorded);
            onChain[size] = recorded!.RootBytes();
        }

        var inclusion = new InclusionProofVerifier();
        var hasher = new MerkleHasher();
        foreach (StoredFrame frame in await Log.FramesAsync())
        {
            long leaf = frame.LogIndex - 1;
            long covering = sizes.Where(size => size > leaf).DefaultIfEmpty(0).Min();
            if (covering == 0)
            {
                continue;
            }

            byte[][] path = [.. await Log.Store.GetInclusionProofAsync(leaf, covering, cancellationToken)];
            Assert.True(inclusion.VerifyInclusion(leaf, covering, hasher.HashLeaf(frame.RawMessage), path, onChain[covering]),
                $"frame {frame.LogIndex} is not provable against the root anchored at size {covering}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await Log.DisposeAsync();
        _loggers.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the temp folder is left behind.
        }
    }

    private AnchorChainConnection NewConnection() => new(Options, DataDirectory, _loggers, TestKeystoreCost);

    private async Task ReconnectAsync()
    {
        AnchorSession session = await _connection.ConnectAsync(TestContext.Current.CancellationToken);
        if (!ReferenceEquals(session, Session))
        {
            Session = session;
            await RestartServiceAsync();
        }
    }

    private async Task ConnectAsync()
    {
        Session = await _connection.ConnectAsync(TestContext.Current.CancellationToken);
        await RestartServiceAsync();
    }
}
