namespace Rapport.Analytics.Rules;

/// <summary>
/// An FP-tree over local item ids (0 = the most frequent item of this tree). Nodes live in parallel arrays; node 0
/// is the root, and 0 also means "none" in the child, sibling and header links. A tree is reused for every
/// conditional tree built at the same recursion depth, so mining allocates only when a tree outgrows its arrays.
/// </summary>
internal sealed class FpTree
{
    public int[] Item = new int[64];
    public int[] Count = new int[64];
    public int[] Parent = new int[64];
    /// <summary>Next node holding the same item (header chain).</summary>
    public int[] Next = new int[64];
    public int[] FirstChild = new int[64];
    public int[] Sibling = new int[64];
    /// <summary>First node of each local item's chain.</summary>
    public int[] Head = new int[16];
    /// <summary>Support count of each local item in this tree.</summary>
    public int[] ItemCount = new int[16];
    /// <summary>Local id → global rank.</summary>
    public int[] GlobalOf = new int[16];
    /// <summary>Root's child per local item.</summary>
    private int[] _rootChild = new int[16];
    /// <summary>Open-addressing table (parent, item) → child node for the other nodes (0 = empty): a node can have hundreds of children.</summary>
    private int[] _children = new int[128];
    private int _childMask = 127;

    public int Items { get; private set; }
    public int Nodes { get; private set; }
    /// <summary>Whether some node has two children; false means the tree is a single path.</summary>
    public bool Branching { get; private set; }

    /// <summary>Empties the tree for <paramref name="items"/> local items and up to <paramref name="nodeCapacity"/> nodes (root included).</summary>
    public void Reset(int items, int nodeCapacity)
    {
        if (Head.Length < items)
        {
            int size = Math.Max(items, Head.Length * 2);
            Head = new int[size];
            ItemCount = new int[size];
            GlobalOf = new int[size];
            _rootChild = new int[size];
        }
        else
        {
            Array.Clear(Head, 0, items);
            Array.Clear(_rootChild, 0, items);
        }
        if (Item.Length < nodeCapacity)
        {
            int size = Math.Max(nodeCapacity, Item.Length * 2);
            Item = new int[size];
            Count = new int[size];
            Parent = new int[size];
            Next = new int[size];
            FirstChild = new int[size];
            Sibling = new int[size];
        }
        // Small up front (clearing is paid on every reset); doubled while inserting when the nodes outgrow it.
        int slots = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(nodeCapacity * 2, 16, 1 << 12));
        if (_children.Length < slots) _children = new int[slots];
        else Array.Clear(_children, 0, slots);
        _childMask = slots - 1;
        Items = items;
        Nodes = 1;
        Item[0] = -1;
        Count[0] = 0;
        Parent[0] = 0;
        FirstChild[0] = 0;
        Sibling[0] = 0;
        Branching = false;
    }

    /// <summary>Adds a path of local ids sorted ascending (most frequent first) with weight <paramref name="count"/>.</summary>
    public void Insert(ReadOnlySpan<int> path, int count)
    {
        int current = 0;
        var item = Item;
        var firstChild = FirstChild;
        var sibling = Sibling;
        int slot = 0;
        foreach (int li in path)
        {
            int child;
            if (current == 0)
            {
                child = _rootChild[li];
            }
            else
            {
                slot = Slot(current, li);
                while ((child = _children[slot]) != 0 && (Parent[child] != current || item[child] != li)) slot = (slot + 1) & _childMask;
            }
            if (child == 0)
            {
                if (current != 0 && Nodes * 2 > _childMask)
                {
                    GrowChildren();
                    slot = Slot(current, li);
                    while (_children[slot] != 0) slot = (slot + 1) & _childMask;
                }
                child = Nodes++;
                item[child] = li;
                Count[child] = 0;
                Parent[child] = current;
                Next[child] = Head[li];
                Head[li] = child;
                firstChild[child] = 0;
                if (firstChild[current] != 0) Branching = true;
                sibling[child] = firstChild[current];
                firstChild[current] = child;
                if (current == 0) _rootChild[li] = child;
                else _children[slot] = child;
            }
            Count[child] += count;
            current = child;
        }
    }

    private void GrowChildren()
    {
        _children = new int[(_childMask + 1) * 2];
        _childMask = _children.Length - 1;
        for (int node = 1; node < Nodes; node++)
        {
            int parent = Parent[node];
            if (parent == 0) continue;
            int slot = Slot(parent, Item[node]);
            while (_children[slot] != 0) slot = (slot + 1) & _childMask;
            _children[slot] = node;
        }
    }

    private int Slot(int parent, int item)
    {
        ulong h = ((ulong)(uint)parent << 32 | (uint)item) * 0x9E3779B97F4A7C15UL;
        return (int)(h >> 32) & _childMask;
    }
}
