namespace Grid.Geography;

/// <summary>Binary search over ascending left-aligned addresses, shared by the lookup tables.</summary>
internal static class SortedAddresses
{
    /// <summary>The index of the last element ≤ <paramref name="key"/>, or -1 if every element is greater.</summary>
    public static int LastAtOrBefore(UInt128[] sorted, UInt128 key)
    {
        int low = 0, high = sorted.Length - 1;
        while (low <= high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (sorted[middle] <= key)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low - 1;
    }
}
