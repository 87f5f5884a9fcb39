import { describe, expect, it } from 'vitest';
import { lookUpOperation, parseOperationList } from '../../functions/core/operation-list.ts';

// A made-up operation list in the DTM API's envelope (GET /v3/displacement/operation-list).
const LIST = {
  result: [
    {
      operation: 'Countrywide  Monitoring ',
      operationStatus: 'active',
      admin0Name: 'Testland',
      admin0Pcode: 'XXX',
    },
    { operation: 'Flood response', operationStatus: 'Inactive', admin0Name: 'Testland', admin0Pcode: 'XXX' },
    { operation: 'Storm response', operationStatus: 'Paused', admin0Name: 'Testland', admin0Pcode: 'XXX' },
    { operation: 'Flood response', operationStatus: 'Active', admin0Name: 'Otherland', admin0Pcode: 'YYY' },
  ],
  isSuccess: true,
  errorMessages: [],
};

describe('the DTM operation list', () => {
  const entries = parseOperationList(LIST, 'operation-list.json');

  it('finds an operation by country and name, case and spaces folded', () => {
    expect(lookUpOperation(entries, 'xxx', 'countrywide monitoring')).toEqual({
      found: true,
      status: 'Active',
      countryName: 'Testland',
    });
    // The same operation name in another country has its own status.
    expect(lookUpOperation(entries, 'XXX', 'Flood response').status).toBe('Inactive');
    expect(lookUpOperation(entries, 'YYY', 'Flood response').status).toBe('Active');
  });

  it('says unknown, never guesses, for an operation it lacks or a status it does not know', () => {
    expect(lookUpOperation(entries, 'XXX', 'Drought response')).toEqual({
      found: false,
      countryName: 'Testland',
    });
    expect(lookUpOperation(entries, 'XXX', undefined)).toEqual({ found: false, countryName: 'Testland' });
    expect(lookUpOperation(entries, 'XXX', 'Storm response')).toEqual({
      found: true,
      countryName: 'Testland',
    });
    expect(lookUpOperation(entries, 'ZZZ', 'Flood response')).toEqual({ found: false });
  });

  it('refuses an error answer, a document without records, and an entry without an operation', () => {
    expect(() =>
      parseOperationList({ isSuccess: false, errorMessages: ['quota exceeded'], result: [] }, 'live'),
    ).toThrow('live, column "isSuccess": the DTM API answered with an error: quota exceeded');
    expect(() => parseOperationList({ data: [] }, 'ops.json')).toThrow('ops.json, column "result"');
    expect(() =>
      parseOperationList({ result: [{ operationStatus: 'Active', admin0Pcode: 'XXX' }] }, 'ops.json'),
    ).toThrow('ops.json, row 1, column "operation": missing value');
  });
});
