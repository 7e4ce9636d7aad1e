import { act, renderHook } from '@testing-library/react';
import { useDebounced } from './use-debounced';

describe('useDebounced', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('returns the first value at once', () => {
    const { result } = renderHook(() => useDebounced('coffee', 300));
    expect(result.current).toBe('coffee');
  });

  it('returns a new value only once it has stayed the same for the delay', () => {
    const { result, rerender } = renderHook(({ value }) => useDebounced(value, 300), { initialProps: { value: '' } });

    rerender({ value: 'c' });
    act(() => jest.advanceTimersByTime(200));
    rerender({ value: 'co' });
    act(() => jest.advanceTimersByTime(200));
    rerender({ value: 'cof' });
    act(() => jest.advanceTimersByTime(299));
    expect(result.current).toBe('');

    act(() => jest.advanceTimersByTime(1));
    expect(result.current).toBe('cof');
  });

  it('waits 300 ms unless told otherwise', () => {
    const { result, rerender } = renderHook(({ value }) => useDebounced(value), { initialProps: { value: 'tea' } });
    rerender({ value: 'teapot' });
    act(() => jest.advanceTimersByTime(299));
    expect(result.current).toBe('tea');
    act(() => jest.advanceTimersByTime(1));
    expect(result.current).toBe('teapot');
  });
});
