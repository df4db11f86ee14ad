using System.Text;
using System.Text.Json;

namespace Millwright.Controller.Anchoring.State;

/// <summary>
/// Anchoring state in files of one folder, per chain: anchor-state-{chainId}.json (replaced atomically on every save)
/// and anchors-{chainId}.jsonl (final anchors, one JSON line each, appended and flushed). A line torn by a crash is
/// ignored when read, and the checkpoint it held is still in the state file, so it is appended again. One state
/// machine uses a store at a time.
/// </summary>
internal sealed class FileAnchorStateStore : IAnchorStateStore
{
    private readonly string _statePath;
    private readonly string _historyPath;

    public FileAnchorStateStore(string folder, long chainId)
    {
        _statePath = Path.Combine(folder, $"anchor-state-{chainId}.json");
        _historyPath = Path.Combine(folder, $"anchors-{chainId}.jsonl");
    }

    public string StatePath => _statePath;

    public async Task<AnchorState?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_statePath))
        {
            return null;
        }

        await using FileStream stream = File.OpenRead(_statePath);
        AnchorState state = await JsonSerializer.DeserializeAsync<AnchorState>(stream, AnchorStateJson.Indented, cancellationToken)
            ?? throw new InvalidDataException($"{_statePath} holds no anchoring state");
        if (state.Version != AnchorState.CurrentVersion)
        {
            throw new InvalidDataException($"{_statePath} is version {state.Version}; this controller reads version {AnchorState.CurrentVersion}");
        }

        return state;
    }

    public Task SaveAsync(AnchorState state, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(_statePath, JsonSerializer.SerializeToUtf8Bytes(state, AnchorStateJson.Indented), cancellationToken);

    public async Task AppendFinalAsync(AnchoredCheckpoint anchored, CancellationToken cancellationToken)
    {
        IReadOnlyList<AnchoredCheckpoint> existing = await ReadFinalAsync(cancellationToken);
        if (existing.Count > 0 && existing[^1].Checkpoint.Size >= anchored.Checkpoint.Size)
        {
            return;
        }

        byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(anchored, AnchorStateJson.Compact) + "\n");
        bool needsNewline = File.Exists(_historyPath) && new FileInfo(_historyPath).Length > 0 && !await EndsWithNewlineAsync(cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(_historyPath)!);
        await using var stream = new FileStream(_historyPath, FileMode.Append, FileAccess.Write, FileShare.Read);
        if (needsNewline)
        {
            await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
        }

        await stream.WriteAsync(line, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    public Task SetAsideAsync(string contractAddress, CancellationToken cancellationToken)
    {
        foreach (string path in new[] { _statePath, _historyPath })
        {
            if (File.Exists(path))
            {
                string extension = Path.GetExtension(path);
                File.Move(path, Path.ChangeExtension(path, $".{contractAddress.ToLowerInvariant()}{extension}"), overwrite: true);
            }
        }

        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<AnchoredCheckpoint>> ReadFinalAsync(CancellationToken cancellationToken)
    {
        var anchors = new List<AnchoredCheckpoint>();
        if (!File.Exists(_historyPath))
        {
            return anchors;
        }

        foreach (string line in await File.ReadAllLinesAsync(_historyPath, cancellationToken))
        {
            AnchoredCheckpoint? anchored = TryParse(line);
            if (anchored is not null && (anchors.Count == 0 || anchors[^1].Checkpoint.Size < anchored.Checkpoint.Size))
            {
                anchors.Add(anchored);
            }
        }

        return anchors;
    }

    private static AnchoredCheckpoint? TryParse(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<AnchoredCheckpoint>(line, AnchorStateJson.Compact);
        }
        catch (JsonException)
        {
            return null; // torn by a crash mid-append; the state file still holds this checkpoint
        }
    }

    private async Task<bool> EndsWithNewlineAsync(CancellationToken cancellationToken)
    {
        await using FileStream reader = new(_historyPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        reader.Seek(-1, SeekOrigin.End);
        var last = new byte[1];
        return await reader.ReadAsync(last, cancellationToken) == 1 && last[0] == (byte)'\n';
    }
}
