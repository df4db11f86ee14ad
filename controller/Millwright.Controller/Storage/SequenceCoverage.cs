namespace Millwright.Controller.Storage;

/// <summary>
/// Which sequence numbers of one (device, epoch) are covered — stored as a frame or gap record, or inside a stored gap
/// record's dropped range (protocol §7 rules 3 and 5). Kept as the contiguous watermark plus the covered "islands"
/// above it, which are separated from it and from each other by the open gaps. In steady state there are no islands.
/// </summary>
internal sealed class SequenceCoverage
{
    private readonly List<SequenceRange> _islands;

    public SequenceCoverage(long contiguous, IEnumerable<SequenceRange> islands)
    {
        Contiguous = contiguous;
        _islands = [];
        foreach (SequenceRange island in islands)
        {
            Add(island.First, island.Last);
        }
    }

    /// <summary>The largest n with 1..n all covered (0 when 1 is not).</summary>
    public long Contiguous { get; private set; }

    public IReadOnlyList<SequenceRange> Islands => _islands;

    public long Highest => _islands.Count > 0 ? _islands[^1].Last : Contiguous;

    public SequenceCoverage Clone() => new(Contiguous, _islands);

    /// <summary>Covers first..last (inclusive, first ≥ 1).</summary>
    public void Add(long first, long last)
    {
        if (first < 1 || last < first)
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"sequence range {first}..{last} is not within 1..2^63-1");
        }

        // Comparisons are written as "x - 1 <= y" so that sequence 2^63-1 cannot overflow.
        if (first - 1 <= Contiguous)
        {
            Contiguous = Math.Max(Contiguous, last);
            while (_islands.Count > 0 && _islands[0].First - 1 <= Contiguous)
            {
                Contiguous = Math.Max(Contiguous, _islands[0].Last);
                _islands.RemoveAt(0);
            }

            return;
        }

        // Merge with every island it overlaps or touches, then insert in order.
        int index = 0;
        while (index < _islands.Count && _islands[index].Last < first - 1)
        {
            index++;
        }

        long mergedFirst = first;
        long mergedLast = last;
        while (index < _islands.Count && _islands[index].First - 1 <= mergedLast)
        {
            mergedFirst = Math.Min(mergedFirst, _islands[index].First);
            mergedLast = Math.Max(mergedLast, _islands[index].Last);
            _islands.RemoveAt(index);
        }

        _islands.Insert(index, new SequenceRange(mergedFirst, mergedLast));
    }

    /// <summary>The missing ranges below <see cref="Highest"/>, in order.</summary>
    public IEnumerable<SequenceRange> OpenGaps()
    {
        long next = Contiguous + 1;
        foreach (SequenceRange island in _islands)
        {
            yield return new SequenceRange(next, island.First - 1);
            next = island.Last + 1;
        }
    }
}
