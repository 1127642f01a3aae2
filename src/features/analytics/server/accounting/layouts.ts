/**
 * The two importers' CSV layouts (docs/accounting-export.md cites where each column comes from):
 * - Xero's sales invoice import template (UK: dates DD/MM/YYYY). Amounts are VAT inclusive:
 *   choose "Tax inclusive" when importing. A credit note is the same layout with a negative
 *   quantity (Xero imports an invoice whose total is negative as a credit note).
 * - QuickBooks Online's invoice import (Import data > Invoices), and for refunds its credit
 *   note import (Import data > Credit notes) in the same columns with CreditNoteNo and
 *   CreditNoteDate: QuickBooks does not take a negative invoice.
 * Amounts are exact decimals from minor units; text cells are defused against formula injection.
 */
import { TZDate } from '@date-fns/tz';
import { env } from '@/env';
import { minorToDecimal } from '../exports/labels';
import type { CsvNumber } from '../exports/csv';
import type { AccountingDocument } from './documents';

export const XERO_COLUMNS = [
  '*ContactName',
  'EmailAddress',
  'POAddressLine1',
  'POAddressLine2',
  'POAddressLine3',
  'POAddressLine4',
  'POCity',
  'PORegion',
  'POPostalCode',
  'POCountry',
  '*InvoiceNumber',
  'Reference',
  '*InvoiceDate',
  '*DueDate',
  'Total',
  'InventoryItemCode',
  '*Description',
  '*Quantity',
  '*UnitAmount',
  'Discount',
  '*AccountCode',
  '*TaxType',
  'TaxAmount',
  'TrackingName1',
  'TrackingOption1',
  'TrackingName2',
  'TrackingOption2',
  'Currency',
  'BrandingTheme',
] as const;

export const QUICKBOOKS_INVOICE_COLUMNS = [
  'InvoiceNo',
  'Customer',
  'InvoiceDate',
  'DueDate',
  'Terms',
  'Location',
  'Memo',
  'Item(Product/Service)',
  'ItemDescription',
  'ItemQuantity',
  'ItemRate',
  'ItemAmount',
  'ItemTaxCode',
  'ItemTaxAmount',
  'Currency',
  'Service Date',
] as const;

export const QUICKBOOKS_CREDIT_NOTE_COLUMNS = [
  'CreditNoteNo',
  'Customer',
  'CreditNoteDate',
  'Location',
  'Memo',
  'Item(Product/Service)',
  'ItemDescription',
  'ItemQuantity',
  'ItemRate',
  'ItemAmount',
  'ItemTaxCode',
  'ItemTaxAmount',
  'Currency',
] as const;

export type Cells = Array<string | CsvNumber>;

/** DD/MM/YYYY in the time zone (the UK importers' date format). */
export function ukDate(at: Date, timeZone: string): string {
  const t = new TZDate(at.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(t.getDate())}/${pad(t.getMonth() + 1)}/${t.getFullYear()}`;
}

function taxName(vatRateBp: number, configured: string): string {
  return vatRateBp === 0 ? 'No VAT' : configured;
}

/** The Xero rows of one document (one per line). */
export function xeroRows(doc: AccountingDocument, timeZone: string): Cells[] {
  const money = (m: number): CsvNumber => ({ num: minorToDecimal(m, doc.currency) });
  const date = ukDate(doc.issuedAt, timeZone);
  const sign = doc.kind === 'creditNote' ? -1 : 1;
  return doc.lines.map((l) => {
    const row: Record<(typeof XERO_COLUMNS)[number], string | CsvNumber> = {
      '*ContactName': doc.customerName,
      EmailAddress: doc.customerEmail ?? '',
      POAddressLine1: '',
      POAddressLine2: '',
      POAddressLine3: '',
      POAddressLine4: '',
      POCity: '',
      PORegion: '',
      POPostalCode: '',
      POCountry: '',
      '*InvoiceNumber': doc.number,
      Reference: doc.kind === 'creditNote' ? `${doc.reference} ${doc.invoiceNumber}` : doc.reference,
      '*InvoiceDate': date,
      '*DueDate': date,
      Total: money(sign * doc.grossMinor),
      InventoryItemCode: '',
      '*Description': l.description,
      '*Quantity': { num: String(sign * l.quantity) },
      '*UnitAmount': money(l.unitMinor),
      Discount: '',
      '*AccountCode': env.ACCOUNTING_SALES_ACCOUNT_CODE,
      '*TaxType': taxName(doc.vatRateBp, env.ACCOUNTING_TAX_TYPE),
      TaxAmount: money(sign * l.vatMinor),
      TrackingName1: doc.shopSlug ? 'Shop' : '',
      TrackingOption1: doc.shopSlug ?? '',
      TrackingName2: '',
      TrackingOption2: '',
      Currency: doc.currency,
      BrandingTheme: '',
    };
    return XERO_COLUMNS.map((c) => row[c]);
  });
}

/** The QuickBooks rows of one document: an invoice's, or a credit note's (its own layout). */
export function quickbooksRows(doc: AccountingDocument, timeZone: string): Cells[] {
  const money = (m: number): CsvNumber => ({ num: minorToDecimal(m, doc.currency) });
  const date = ukDate(doc.issuedAt, timeZone);
  return doc.lines.map((l) => {
    const common = {
      Customer: doc.customerName,
      Location: doc.shopSlug ?? '',
      Memo:
        doc.kind === 'creditNote'
          ? `Repair ${doc.reference}, refund of ${doc.invoiceNumber}`
          : `Repair ${doc.reference}`,
      'Item(Product/Service)': env.ACCOUNTING_QUICKBOOKS_ITEM,
      ItemDescription: l.description,
      ItemQuantity: { num: String(l.quantity) },
      ItemRate: money(l.unitMinor),
      ItemAmount: money(l.grossMinor),
      ItemTaxCode: taxName(doc.vatRateBp, env.ACCOUNTING_QUICKBOOKS_TAX_CODE),
      ItemTaxAmount: money(l.vatMinor),
      Currency: doc.currency,
    };
    if (doc.kind === 'creditNote') {
      const row: Record<(typeof QUICKBOOKS_CREDIT_NOTE_COLUMNS)[number], string | CsvNumber> = {
        ...common,
        CreditNoteNo: doc.number,
        CreditNoteDate: date,
      };
      return QUICKBOOKS_CREDIT_NOTE_COLUMNS.map((c) => row[c]);
    }
    const row: Record<(typeof QUICKBOOKS_INVOICE_COLUMNS)[number], string | CsvNumber> = {
      ...common,
      InvoiceNo: doc.number,
      InvoiceDate: date,
      DueDate: date,
      Terms: 'Due on receipt',
      'Service Date': date,
    };
    return QUICKBOOKS_INVOICE_COLUMNS.map((c) => row[c]);
  });
}
